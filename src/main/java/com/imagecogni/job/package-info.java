/** Jobs: upload and intake (sources put into the blob store, then credits and the job in one statement), the processing queue and worker pool, job status and listing, retention. */
package com.imagecogni.job;
