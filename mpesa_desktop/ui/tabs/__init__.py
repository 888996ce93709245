"""The main window's tabs, one module per operation (and the transaction log)."""
