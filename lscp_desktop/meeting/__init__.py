"""The meeting's rules, Qt-free: its agenda, attendance and quorum, each partner's
contribution, the decision, actions, approval, and the autosave of what is typed."""
