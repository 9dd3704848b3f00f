"""The old-compound module (设施维修): repair orders, survey campaigns, clean-ups, totals."""
