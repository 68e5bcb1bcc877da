/**
 * The durable work queue every replica claims from (one work item per job with work to do, claimed, leased,
 * heart-beaten and rescued the same way for processing and delivery), and the job, source and delivery states.
 */
package com.imagecogni.queue;
