"""Unit tests sign the models they save with a key of their own, never the server's."""

import pytest


@pytest.fixture(autouse=True)
def own_signing_key(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_SIGNING_KEY", str(tmp_path_factory.mktemp("key") / "model-signing.key"))
