#!/usr/bin/env python3
"""Runs the Pollux artifact's own simulator (petuum/adaptdl, branch osdi21-artifact, folder
simulator/, Apache-2.0) under its Tiresias policy on one workload, for the bench's ratio
(bench/README.md). Its code is not part of Umbra: give a checkout of the folder, e.g.
  git -C adaptdl archive osdi21-artifact simulator | tar -x -C /tmp
Usage: artifact_tiresias.py SIMULATOR_DIR WORKLOAD_CSV
Needs Debian's python3-numpy, python3-scipy and python3-pandas. Two of the simulator's imports
are not in Debian: pymoo, which only its Pollux policy uses (stubbed), and autograd, whose
gradient serves the speedup fit every job makes of its measured step times (a central-difference
stand-in: the fit's gradient, not Tiresias's decisions nor any job's progress, depends on it).
"""
import runpy
import sys
import types

import numpy


def numerical_grad(function):
    def gradient(x, *args):
        x = numpy.asarray(x, dtype=float)
        result = numpy.zeros_like(x)
        for i in range(x.size):
            step = 1e-6 * max(1.0, abs(x.flat[i]))
            up, down = x.copy(), x.copy()
            up.flat[i] += step
            down.flat[i] -= step
            result.flat[i] = (function(up, *args) - function(down, *args)) / (2 * step)
        return result
    return gradient


def module(name, **attributes):
    stand_in = types.ModuleType(name)
    stand_in.__dict__.update(attributes)
    sys.modules[name] = stand_in


simulator_dir, workload = sys.argv[1], sys.argv[2]
sys.path.insert(0, simulator_dir)
module("autograd", numpy=numpy, grad=numerical_grad)
module("pollux", PolluxPolicy=type("PolluxPolicy", (), {}))
sys.argv = ["simulator.py", "--policy", "tiresias", workload]
runpy.run_path(f"{simulator_dir}/simulator.py", run_name="__main__")
