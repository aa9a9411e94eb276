"""After the decision, Qt-free: the Rapid Review and its CSPR decision, learning sheets, the
action plan, learning themes and the annual figures."""
