/** Jobs: upload and intake (credits and storage in one statement), the processing queue and worker pool, job status and listing, retention. */
package com.imagecogni.job;
