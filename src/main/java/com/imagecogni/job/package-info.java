/** Jobs: upload and intake (multipart or JSON; uploaded sources put into the blob store, then credits and the job in one statement), sources by URL (checked at intake, fetched by the worker into the blob store), the processing queue and worker pool, job status and listing, retention. */
package com.imagecogni.job;
