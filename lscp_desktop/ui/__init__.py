"""The Qt layer: windows, dialogs, the meeting stepper and table models. Calls the domain."""
