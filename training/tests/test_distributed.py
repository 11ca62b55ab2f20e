"""Several workers on one Optuna study: PostgreSQL (the store's server, schema optuna) and a journal file."""
import json
import os
import subprocess
import sys
import uuid

import optuna
import pytest

from harness_fixtures import FIXTURES

URL = os.environ.get("HPCONF_TEST_DATABASE_URL")


def cheap(baseline_env, n_trials):
    return dict(baseline_env, CVN_HPO_N_TRIALS=str(n_trials), CVN_HPO_LGB_5M_N_ESTIMATORS="60",
                CVN_HPO_LGB_5M_N_ESTIMATORS_RANGE_MIN="40", CVN_HPO_LGB_5M_N_ESTIMATORS_RANGE_MAX="80")


def start(env, storage, index, workers, out, run_id):
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    return subprocess.Popen([sys.executable, "-m", "hpconf_training.worker", "--model", "LGB", "--timeframe", "5m", "--token", "CRV",
                             "--data-dir", str(FIXTURES), "--out", str(out), "--run-id", run_id, "--study-storage", storage,
                             "--workers", str(workers), "--worker-index", str(index)],
                            env={**base, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_all(env, storage, workers, out, run_id):
    procs = [start(env, storage, i, workers, out, run_id) for i in range(workers)]  # all at once
    done = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for code, err in done:
        assert code == 0, err
    return [err for _, err in done]


def check_study(storage, run_id, n_trials, workers, out):
    names = [s.study_name for s in optuna.get_all_study_summaries(storage) if s.study_name.startswith(f"hpconf-{run_id}-")]
    assert len(names) == 1, names
    st = optuna.load_study(study_name=names[0], storage=storage)
    trials = st.get_trials()
    assert len(trials) == n_trials and len({t.number for t in trials}) == n_trials
    assert all(t.state == optuna.trial.TrialState.COMPLETE for t in trials)
    assert sum(1 for t in trials if t.user_attrs.get("hpconf_defaults")) == 1  # trial 0 once, however many joined
    params = [tuple(sorted(t.params.items())) for t in trials]
    assert len(set(params)) == n_trials  # no two workers drew the same point
    per_worker = sorted(sum(1 for t in trials if t.user_attrs["hpconf_worker"] == i) for i in range(workers))
    assert sum(per_worker) == n_trials and per_worker[-1] - per_worker[0] <= 1
    m = json.loads(out.read_text())
    stored = st.user_attrs["hpconf_manifest"]
    assert m == stored and m["study"]["best_trial"] == st.best_trial.number and m["study"]["best_value"] == st.best_value
    assert len(m["study"]["trials"]) == n_trials and m["study"]["workers"] == workers
    return st, m


@pytest.mark.skipif(not URL, reason="HPCONF_TEST_DATABASE_URL is not set (CI always sets it)")
def test_three_processes_share_one_study_on_the_stores_postgresql(baseline_env, tmp_path):
    import psycopg

    db = f"optuna_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(URL, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {db}")
    url = URL.rsplit("/", 1)[0] + f"/{db}"
    out = tmp_path / "LGB_CRV.json"
    env = dict(cheap(baseline_env, 12), DATABASE_URL=url)
    logs = run_all(env, "store", 3, out, "dist1")
    with psycopg.connect(url) as c:
        tables = {r[0] for r in c.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'optuna'")}
        public = {r[0] for r in c.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    assert {"studies", "trials", "trial_params"} <= tables and not public & {"studies", "trials"}
    storage = optuna.storages.RDBStorage(url.replace("postgres://", "postgresql+psycopg://", 1),
                                         engine_kwargs={"connect_args": {"options": "-c search_path=optuna"}})
    st, m = check_study(storage, "dist1", 12, 3, out)
    assert sum("event=training_finished" in e for e in logs) == 1  # one finalizer
    assert sum(e.count("event=trial ") for e in logs) == 12
    # A worker started again (a pod retried) has nothing left to do and changes nothing.
    again = run_all(env, "store", 3, out, "dist1")
    assert len(optuna.load_study(study_name=st.study_name, storage=storage).trials) == 12
    assert all("event=trial " not in e for e in again)


def test_two_processes_share_a_journal_file(baseline_env, tmp_path):
    out = tmp_path / "LGB_CRV.json"
    journal = tmp_path / "studies.journal"
    run_all(cheap(baseline_env, 6), f"journal:{journal}", 2, out, "dist2")
    from optuna.storages.journal import JournalFileBackend, JournalStorage
    check_study(JournalStorage(JournalFileBackend(str(journal))), "dist2", 6, 2, out)


def test_more_than_one_worker_needs_a_shared_storage(baseline_env, tmp_path):
    p = start(cheap(baseline_env, 2), "memory", 0, 2, tmp_path / "x.json", "dist3")
    assert p.wait(timeout=120) == 2 and "needs a shared --study-storage" in p.stderr.read()


def test_a_study_whose_other_worker_died_is_finalized_on_request(baseline_env, tmp_path):
    """Worker 1 of 2 never ran (a pod lost): nobody finalizes; --finalize-only does, with the trials there are."""
    out = tmp_path / "LGB_CRV.json"
    journal = f"journal:{tmp_path / 'studies.journal'}"
    env = cheap(baseline_env, 6)
    p = start(env, journal, 0, 2, out, "dist4")
    assert p.wait(timeout=600) == 0, p.stderr.read()
    assert not out.exists() and "event=worker_finished" in p.stderr.read()
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    f = subprocess.run([sys.executable, "-m", "hpconf_training.worker", "--model", "LGB", "--timeframe", "5m", "--token", "CRV",
                        "--data-dir", str(FIXTURES), "--out", str(out), "--run-id", "dist4", "--study-storage", journal,
                        "--workers", "2", "--worker-index", "1", "--finalize-only"], env={**base, **env}, capture_output=True, text=True, timeout=600)
    assert f.returncode == 0, f.stderr
    m = json.loads(out.read_text())
    assert len(m["study"]["trials"]) == 3 and {t["worker"] for t in m["study"]["trials"]} == {0}
    assert "event=trial " not in f.stderr  # it ran no trial of its own


def _kill_during_first_trial(env, journal, out, run_id, index=0, workers=1):
    """Start a worker and SIGKILL it while its first trial (the stored defaults) runs."""
    import signal
    import time

    from optuna.storages.journal import JournalFileBackend, JournalStorage

    p = start(env, journal, index, workers, out, run_id)
    storage = JournalStorage(JournalFileBackend(journal.split(":", 1)[1]))
    deadline = time.time() + 300
    while time.time() < deadline:
        names = [s.study_name for s in optuna.get_all_study_summaries(storage) if s.study_name.startswith(f"hpconf-{run_id}-")]
        if names and any(t.state == optuna.trial.TrialState.RUNNING for t in optuna.load_study(study_name=names[0], storage=storage).get_trials()):
            break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    assert p.wait(timeout=60) == -signal.SIGKILL
    st = optuna.load_study(study_name=names[0], storage=JournalStorage(JournalFileBackend(journal.split(":", 1)[1])))
    running = [t for t in st.get_trials() if t.state == optuna.trial.TrialState.RUNNING]
    assert len(running) == 1 and running[0].user_attrs.get("hpconf_defaults"), "killed inside the defaults trial"
    return names[0]


def test_a_worker_killed_mid_trial_is_recovered_by_its_restart(baseline_env, tmp_path):
    """kill -9 inside the defaults trial (a lost pod): the restarted worker fails the stale trial, runs the defaults
    again and finishes the study; trial 0 of the report is truly the stored defaults."""
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    out = tmp_path / "LGB_CRV.json"
    journal = f"journal:{tmp_path / 'studies.journal'}"
    env = cheap(baseline_env, 3)
    name = _kill_during_first_trial(env, journal, out, "dist5")
    p = start(env, journal, 0, 1, out, "dist5")
    assert p.wait(timeout=600) == 0, p.stderr.read()
    st = optuna.load_study(study_name=name, storage=JournalStorage(JournalFileBackend(str(tmp_path / "studies.journal"))))
    trials = st.get_trials()
    assert not [t for t in trials if t.state == optuna.trial.TrialState.RUNNING]
    failed = [t for t in trials if t.state == optuna.trial.TrialState.FAIL]
    assert len(failed) == 1 and failed[0].user_attrs.get("hpconf_stale")
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    assert len(complete) == 3 and sum(1 for t in complete if t.user_attrs.get("hpconf_defaults")) == 1
    m = json.loads(out.read_text())
    defaults_rec = [t for t in m["study"]["trials"] if t["defaults"] and t["state"] == "COMPLETE"]
    assert len(defaults_rec) == 1


def test_finalize_only_fails_a_dead_workers_trials_and_runs_the_defaults(baseline_env, tmp_path):
    """Nobody restarts the killed worker: --finalize-only fails its RUNNING trial and runs the lost defaults trial."""
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    out = tmp_path / "LGB_CRV.json"
    journal = f"journal:{tmp_path / 'studies.journal'}"
    env = cheap(baseline_env, 3)
    name = _kill_during_first_trial(env, journal, out, "dist6")
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    f = subprocess.run([sys.executable, "-m", "hpconf_training.worker", "--model", "LGB", "--timeframe", "5m", "--token", "CRV",
                        "--data-dir", str(FIXTURES), "--out", str(out), "--run-id", "dist6", "--study-storage", journal,
                        "--finalize-only"], env={**base, **env}, capture_output=True, text=True, timeout=600)
    assert f.returncode == 0, f.stderr
    st = optuna.load_study(study_name=name, storage=JournalStorage(JournalFileBackend(str(tmp_path / "studies.journal"))))
    states = sorted(t.state.name for t in st.get_trials())
    assert states == ["COMPLETE", "FAIL"], states
    m = json.loads(out.read_text())
    assert [t["defaults"] for t in m["study"]["trials"] if t["state"] == "COMPLETE"] == [True]


def test_recovery_leaves_an_untagged_trial_to_a_worker_that_is_alone():
    """Optuna creates a trial RUNNING a moment before the worker tags it: another worker's recovery must not fail it
    (CI caught worker 2 of 3 failing a live worker's trial, which then died with UpdateFinishedTrialError)."""
    from hpconf_training.study import STALE_ATTR, recover_stale_trials

    st = optuna.create_study()
    st.enqueue_trial({"x": 1.0}, user_attrs={"hpconf_defaults": True})
    live = st.ask()  # popped by a live worker, not yet tagged
    dead = st.ask()
    dead.set_user_attr("hpconf_worker", 1)  # the previous incarnation of worker 1
    assert recover_stale_trials(st, 1, {"x": 1.0}, alone=False) == 1
    states = {t.number: t.state for t in st.get_trials()}
    assert states[live.number] == optuna.trial.TrialState.RUNNING
    assert states[dead.number] == optuna.trial.TrialState.FAIL
    assert not [t for t in st.get_trials() if t.state == optuna.trial.TrialState.WAITING]  # the defaults are still running
    # Alone (one worker per study, or every share done), the untagged trial is an orphan: failed, defaults queued again.
    assert recover_stale_trials(st, None, {"x": 1.0}, alone=True) == 1
    t0 = st.get_trials()[live.number]
    assert t0.state == optuna.trial.TrialState.FAIL and t0.user_attrs[STALE_ATTR]
    waiting = [t for t in st.get_trials() if t.state == optuna.trial.TrialState.WAITING]
    assert len(waiting) == 1 and waiting[0].user_attrs["hpconf_defaults"]


def test_the_finalizer_fails_an_orphan_trial_and_counts_only_real_ones(baseline_env, tmp_path):
    """A worker killed between Optuna creating its trial and tagging it leaves an untagged RUNNING trial. The other
    workers leave it alone; the last one to finish its share fails it and finalizes with every share's trials."""
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    out = tmp_path / "LGB_CRV.json"
    path = tmp_path / "studies.journal"
    env = cheap(baseline_env, 3)
    p = start(env, f"journal:{path}", 1, 2, out, "dist7")  # worker 1 of 2: its share is 1 trial, it does not finalize
    assert p.wait(timeout=600) == 0, p.stderr.read()
    assert not out.exists()
    storage = JournalStorage(JournalFileBackend(str(path)))
    name = next(s.study_name for s in optuna.get_all_study_summaries(storage) if s.study_name.startswith("hpconf-dist7-"))
    orphan = optuna.load_study(study_name=name, storage=storage).ask()  # worker 0's first trial, never tagged
    p = start(env, f"journal:{path}", 0, 2, out, "dist7")
    assert p.wait(timeout=600) == 0, p.stderr.read()
    st = optuna.load_study(study_name=name, storage=JournalStorage(JournalFileBackend(str(path))))
    by_number = {t.number: t for t in st.get_trials()}
    assert by_number[orphan.number].state == optuna.trial.TrialState.FAIL and by_number[orphan.number].user_attrs["hpconf_stale"]
    complete = [t for t in st.get_trials() if t.state == optuna.trial.TrialState.COMPLETE]
    assert len(complete) == 3 and sum(1 for t in complete if t.user_attrs.get("hpconf_defaults")) == 1
    assert not [t for t in st.get_trials() if t.state == optuna.trial.TrialState.RUNNING]
    m = json.loads(out.read_text())
    assert sum(1 for t in m["study"]["trials"] if t["state"] == "COMPLETE") == 3
