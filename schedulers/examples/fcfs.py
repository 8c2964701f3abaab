"""fcfs written in Python: the built-in fcfs policy (schedulers/fcfs.cpp) on the Python module.

Each call walks the queue in (submit time, job id) order and starts each job on its packed
placement while it fits; it stops at the first job that does not fit (head-of-line blocking).

    import umbra
    from fcfs import Fcfs
    result = umbra.run("platforms/ground-two-sites.yaml", "workloads/ground-mix.yaml",
                       scheduler=Fcfs())

or from the command line:

    umbra run platforms/ground-two-sites.yaml workloads/ground-mix.yaml \\
        --scheduler-python schedulers/examples/fcfs.py:Fcfs
"""
import umbra


class Fcfs(umbra.Scheduler):
    def schedule(self, state, events):
        decisions, free = umbra.Decisions(), umbra.FreeGpus(state)
        for job in state.queue:
            placement = free.place_packed(job.gpus)
            if placement is None:
                break  # head-of-line blocking: no later job starts before this one
            free.take(placement)
            decisions.starts.append(umbra.StartJob(job.id, placement))
        return decisions
