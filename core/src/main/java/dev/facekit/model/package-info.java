/** Errors of models: a missing, malformed or inconsistent SavedModel or model descriptor. */
package dev.facekit.model;
