"""The case register: the table of cases, its filter, the case dialog and the detail pane."""
