"""Files shipped with mpesa-desktop: Safaricom's public certificates, the simulator's own key,
the app's icon (``icons/``: the SVG, its PNG sizes and the Windows and macOS icon files) and the
user guide (``guide/index.html``).

Read them with ``importlib.resources.files("mpesa_desktop.resources")``.
"""
