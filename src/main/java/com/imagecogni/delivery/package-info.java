/** Postbacks: the postback-URL rules (form and address policy, at save and at send), the signed multipart POST pinned to the checked address, retries with back-off, redelivery, showing and rotating the webhook secret. */
package com.imagecogni.delivery;
