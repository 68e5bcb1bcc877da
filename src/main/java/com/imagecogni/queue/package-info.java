/** The states of jobs, sources, deliveries and delivery attempts, exactly as the schema's CHECK constraints list them. */
package com.imagecogni.queue;
