/**
 * The first value of a number field that will hold fractions (or values read back from a
 * Float64Array), given in the object literal; the real first value is set right after.
 *
 * V8 gives an object's field the representation of the first value stored in it: a whole
 * number makes it a small-integer field, and the first fraction stored later turns it into
 * a double field, which re-maps every object of that shape and throws away the optimised
 * code that relied on the old shape. In the engine that happened minutes into a trace (a
 * stretch starting at a fractional time, the first belly-hand baseline), after the
 * per-frame code had been optimised; it was then run slowly until optimised again
 * (docs/performance.md, "The command line"). NaN is no small integer: the field is a
 * double field from the start. No value changes.
 */
export const DOUBLE_FIELD = Number.NaN
