/**
 * Connections to URLs customers give: the one URL and address check (UrlRules, AddressPolicy) that postbacks and
 * sources by URL share, and the source fetcher pinned to the checked address. Uses none of the service's packages.
 */
package com.imagecogni.outbound;
