"""Use cases, called the same way by the GUI, the command line and the tests."""
