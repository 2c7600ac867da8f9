/**
 * The byte-level pieces of the item format, for tools that check ddbec against other
 * implementations ({@link dev.ddbec.core.format.ItemFormat}), and the orderings of set members and
 * map keys the official clients use ({@link dev.ddbec.core.format.SetOrdering}).
 */
package dev.ddbec.core.format;
