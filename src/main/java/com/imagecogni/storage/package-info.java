/** Image bytes (uploaded sources, result ZIPs) behind one port, {@link com.imagecogni.storage.BlobStore}: put, streamed get, delete and purge by key; PostgreSQL by default, or an S3-compatible object store. */
package com.imagecogni.storage;
