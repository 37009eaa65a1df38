package io.driftwatch.drift.concept;

/** What a concept-drift detector concluded after its latest sample. */
public enum DriftLevel { STABLE, WARNING, DRIFT }
