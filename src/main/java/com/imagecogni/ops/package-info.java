/** Operating the service: health checks, Prometheus meters and the OpenAPI document's filters; it imports only the pipeline and the queue states. */
package com.imagecogni.ops;
