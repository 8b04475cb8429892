"""Korean text and complaint AI: morphology, dictionaries, PII masking, classification, routing,
urgency, similar cases and analytics."""

__all__: list[str] = []
