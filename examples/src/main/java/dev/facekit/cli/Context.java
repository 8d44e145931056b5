package dev.facekit.cli;

/**
 * What the commands need from their surroundings: where models come from. One per run of the tool.
 */
record Context(ModelFactory models) {}
