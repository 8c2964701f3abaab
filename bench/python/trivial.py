"""The cheapest policy: decides nothing. What one call from the engine into Python costs."""
import umbra


class Trivial(umbra.Scheduler):
    def schedule(self, state, events):
        return umbra.Decisions()
