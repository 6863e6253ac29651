"""Scheduled jobs take a database-wide lock, so two schedulers never both run one."""

import threading

import pytest
from django.db import connection

from tandem.locks import exclusive


@pytest.mark.django_db
def test_a_held_lock_is_refused_to_a_second_holder_and_free_after():
    with exclusive("backup") as first:
        assert first
        with exclusive("backup") as second:
            assert not second
        with exclusive("send_reminders") as other_job:
            assert other_job  # locks are per job
    with exclusive("backup") as again:
        assert again


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_of_a_job_run_it_once():
    ran = []
    both_tried = threading.Barrier(2)
    lock = threading.Lock()

    def scheduler() -> None:
        try:
            with exclusive("send_reminders") as is_held:
                both_tried.wait(timeout=10)
                if is_held:
                    with lock:
                        ran.append(threading.current_thread().name)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler, name=f"scheduler-{n}") for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert len(ran) == 1
