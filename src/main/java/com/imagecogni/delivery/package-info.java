/** Postbacks: the postback-URL rules (outbound's URL and address check, worded for postbacks, at save and at send), the signed multipart POST pinned to the checked address, retries with back-off, redelivery, showing and rotating the webhook secret. */
package com.imagecogni.delivery;
