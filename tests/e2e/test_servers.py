"""A school's set-up: two app servers on one PostgreSQL class wall, and nginx in front of them."""

import os
import re
import urllib.request
from urllib.parse import parse_qs, urlparse

import cv2
import pytest
from playwright.sync_api import expect

from mnist_knn.classroom.wall import ClassWall
from mnist_knn.proxy import AFFINITY_COOKIE
from tests.drawing import redraw
from tests.e2e.browser import clear_canvas, draw, new_page, running_app, screenshot, upload_on_draw_page, wait_until_idle
from tests.e2e.classroom import PROJECTOR, TEACHER_KEY, send_to_wall, unlock_teacher
from tests.e2e.digits import DIGITS
from tests.postgres import empty_wall_database
from tests.proxy import NGINX, nginx_proxy

TILES = "[class*='st-key-wall_tile_']"


@pytest.fixture(scope="module")
def school(default_model, postgres):
    """Two `streamlit run app.py` servers sharing one PostgreSQL database: (URL of A, URL of B, the wall)."""
    url = empty_wall_database(postgres.url)
    environment = {"MNIST_KNN_DB": url, "MNIST_KNN_TEACHER_KEY": TEACHER_KEY}
    with running_app(environment) as server_a, running_app(environment) as server_b:
        yield server_a, server_b, ClassWall(url)


def test_two_servers_share_the_wall_the_teacher_and_the_students_drawings(chromium, school):
    server_a, server_b, wall = school
    projector = new_page(chromium, f"{server_b}/class_wall", **PROJECTOR)
    student = new_page(chromium, server_a)
    draw(student, DIGITS["7"])
    send_to_wall(student, "Ada", "7")
    expect(student.get_by_test_id("stAlert").get_by_text("On the class wall")).to_be_visible()  # (and a toast)
    tiles = projector.locator(TILES)
    expect(tiles).to_have_count(1, timeout=15_000)  # sent on A, shown on B's wall by its own refresh
    expect(tiles.first).to_contain_text("Ada")

    token = parse_qs(urlparse(student.url).query)["me"][0]  # the student's tab, opened on the other server
    elsewhere = new_page(chromium, f"{server_b}/my_drawings?me={token}")
    expect(elsewhere.get_by_text("1 of 1")).to_be_visible()

    teacher = unlock_teacher(chromium, server_b)
    teacher.get_by_role("button", name="Close the wall").click()
    wait_until_idle(teacher)
    clear_canvas(student)
    draw(student, DIGITS["1"])
    send_to_wall(student, None, "1")
    expect(student.get_by_test_id("stAlert").get_by_text("The class wall is closed")).to_be_visible()  # closed on B, refused on A
    assert len(wall.submissions()) == 1
    wall.set_open(True)
    for page in (projector, student, elsewhere, teacher):
        page.context.close()


@pytest.fixture()
def proxy(school):
    """nginx, with the site `python -m mnist_knn proxy-config` writes, in front of both servers."""
    if not os.path.exists(NGINX):
        reason = "nginx is not installed (Debian package `nginx`; `make test` installs it where apt-get is allowed)"
        if os.environ.get("MNIST_KNN_REQUIRE_NGINX") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with nginx_proxy([urlparse(server).netloc for server in school[:2]]) as running:
        yield running


def test_behind_nginx_each_browser_stays_on_one_server(chromium, school, proxy, mnist):
    student = new_page(chromium, proxy.url)  # a first visit: nginx picks a server and pins the browser to it
    draw(student, DIGITS["3"])
    expect(student.locator(".st-key-draw_prediction")).to_contain_text(re.compile(r"Reads as\s*3"))
    screenshot(student, "proxy-draw")  # waits for every image: the neighbours are served by the session's server
    upload_on_draw_page(student, "photo.png", cv2.imencode(".png", redraw(mnist[2][0], "paper"))[1].tobytes())
    expect(student.locator(".st-key-draw_prediction")).to_contain_text(re.compile(rf"Reads as\s*{mnist[3][0]}"), timeout=15_000)
    send_to_wall(student, "Noor", str(mnist[3][0]))
    projector = new_page(chromium, f"{proxy.url}/class_wall", **PROJECTOR)
    expect(projector.locator(TILES).first).to_contain_text("Noor", timeout=15_000)
    for page in (student, projector):
        page.context.close()  # their websockets end, and nginx logs them

    for browser in range(40):  # other browsers, each with its own cookie, spread over both servers
        request = urllib.request.Request(f"{proxy.url}/_stcore/health", headers={"Cookie": f"{AFFINITY_COOKIE}=b{browser}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    page_code = [(upstream, status) for __, status, path, upstream in proxy.requests() if path.startswith("/static/")]
    assert len(page_code) > 50 and set(page_code) == {("-", "200")}  # Streamlit's page code: sent by nginx itself
    script = next(path for __, __, path, __ in proxy.requests() if path.startswith("/static/js/"))
    with urllib.request.urlopen(urllib.request.Request(f"{proxy.url}{script}", headers={"Accept-Encoding": "gzip"}),
                                timeout=10) as response:  # as a browser may run it, keep it and receive it compressed
        assert response.headers["Content-Type"].split(";")[0] in {"application/javascript", "text/javascript"}
        assert "immutable" in response.headers["Cache-Control"] and response.headers["Content-Encoding"] == "gzip"
    servers = proxy.servers_by_browser()
    assert all(len(used) == 1 for used in servers.values()), servers  # every request of a browser: one server
    assert set().union(*servers.values()) == {urlparse(server).netloc for server in school[:2]}
    assert "[crit]" not in proxy.error_log() and "[emerg]" not in proxy.error_log(), proxy.error_log()
