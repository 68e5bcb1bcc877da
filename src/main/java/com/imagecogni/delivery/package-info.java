/** Postbacks: the address policy, the signed multipart POST pinned to the checked address, retries with back-off, redelivery, the webhook secret. */
package com.imagecogni.delivery;
