"""The settings kept in the store (`stored`) and the Settings dialog's form (`form`). Qt-free."""
