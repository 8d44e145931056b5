/**
 * Geometry in pixels of the upright image: origin at the top-left corner, x to the right, y down.
 * All values are floats; NaN and infinities are rejected by every constructor.
 */
package dev.facekit.geometry;
