"""Qt widgets only: windows, dialogs, the meeting stepper. The domain never imports from here."""
