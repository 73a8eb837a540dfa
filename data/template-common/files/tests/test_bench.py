"""`make bench` (shared by every template): loopback only, nearest-rank percentiles."""

import pytest

from {{packageName}} import bench


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.8.9.10:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://10.0.0.5:8000", False),
        ("http://example.com", False),
        ("http://127.0.0.1.example.com", False),
    ],
)
def test_is_loopback(url, local):
    assert bench.is_loopback(url) is local


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert bench.percentile(values, 0.5) == 50.0
    assert bench.percentile(values, 0.95) == 95.0
    assert bench.percentile([3.0, 1.0, 2.0], 1.0) == 3.0
    assert bench.percentile([7.0], 0.95) == 7.0


def test_refuses_a_server_that_is_not_on_this_machine(capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--url", "http://example.com:8000"])
    assert exit_info.value.code == 2
    assert "not on this machine" in capsys.readouterr().err
