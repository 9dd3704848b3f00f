"""Village inspections (村居检查): the inspections, findings and red/black list pages."""
