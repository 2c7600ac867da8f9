/**
 * Implementation of the bulk operations. Not public API: it may change in any release and is not
 * exported from the module.
 */
package dev.ddbec.bulk.internal;
