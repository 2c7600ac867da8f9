/**
 * Implementation of the helper clients: table resolution, request and response rewriting, update
 * expression and PartiQL analysis. Not public API: it may change in any release and is not exported
 * from the module.
 */
package dev.ddbec.core.client.internal;
