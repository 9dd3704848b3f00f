"""Small widgets shared by pages."""
