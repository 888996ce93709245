"""The main window's tabs, one module per job (and the transaction log); each module ends by
registering its tab (``ui.tab_registry.register_tab``), and the window finds them all there."""
