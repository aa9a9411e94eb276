"""Running a meeting: set-up, the stepper with live minutes, and the projector view."""
