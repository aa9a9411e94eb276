"""Cases: the rules for entering and changing one, the register and its detail pane (plain SQL,
read before the ORM has loaded), and search. Qt-free."""
