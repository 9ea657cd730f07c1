import threading

from app.store import FlagStore


def test_put_reports_creation_once():
    store = FlagStore()
    _, created = store.put("beta", True)
    assert created is True
    flag, created = store.put("beta", False, "off again")
    assert created is False
    assert (flag.enabled, flag.description) == (False, "off again")
    assert store.get("beta") == flag


def test_get_and_delete_missing():
    store = FlagStore()
    assert store.get("nope") is None
    assert store.delete("nope") is False


def test_concurrent_puts_are_all_kept():
    store = FlagStore()
    threads = [
        threading.Thread(target=store.put, args=(f"flag-{i}", i % 2 == 0)) for i in range(50)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.list()) == 50
