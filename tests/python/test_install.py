"""`cmake --install` puts the module where Debian's python3 finds it, and the installed `umbra`
finds the library of --scheduler-python."""
import os
import pathlib
import subprocess

from conftest import SOURCE


def test_the_configured_prefix_puts_the_module_on_debians_python_path():
    # /usr/local by default (lib/python3.X/dist-packages), or /usr (lib/python3/dist-packages)
    module_folder = pathlib.Path(os.environ["UMBRA_INSTALL_PREFIX"]) / os.environ[
        "UMBRA_PYTHON_INSTALL_DIR"]
    path = subprocess.run(["/usr/bin/python3", "-c", "import sys; print('\\n'.join(sys.path))"],
                          capture_output=True, text=True, check=True).stdout.split()
    assert str(module_folder) in path


def test_an_installed_umbra_runs_a_python_policy(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run([os.environ["CMAKE_COMMAND"], "--install", os.environ["UMBRA_BINARY_DIR"],
                    "--prefix", str(prefix)], capture_output=True, check=True)
    site = prefix / os.environ["UMBRA_PYTHON_INSTALL_DIR"]
    env = dict(os.environ, PYTHONPATH=str(site))
    imported = subprocess.run(["/usr/bin/python3", "-c", "import umbra; print(umbra.__file__)"],
                              capture_output=True, text=True, env=env, check=True, cwd=tmp_path)
    assert imported.stdout.startswith(str(site))
    run = subprocess.run([str(prefix / "bin/umbra"), "run", "--scheduler-python",
                          f"{SOURCE / 'schedulers/examples/fcfs.py'}:Fcfs", "--out",
                          str(tmp_path / "run")], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "python:Fcfs" in run.stdout
