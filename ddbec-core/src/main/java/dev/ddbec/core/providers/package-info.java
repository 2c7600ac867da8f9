/**
 * Materials providers that need nothing but the JDK: {@link
 * dev.ddbec.core.providers.StaticMaterialsProvider} (fixed keys) and {@link
 * dev.ddbec.core.providers.WrappedMaterialsProvider} (a fresh content key per item, wrapped).
 */
package dev.ddbec.core.providers;
