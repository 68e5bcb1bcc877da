// A postback receiver in Go (standard library only), for the multipart mode: the signature is
// checked over the raw body bytes before anything in the request is trusted.
//
//	IMAGECOGNI_WEBHOOK_SECRET=whsec_… PORT=9000 go run receiver.go
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"log"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

func verified(key []byte, h http.Header, body []byte) bool {
	id, timestamp, signatures := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if id == "" || err != nil || math.Abs(float64(time.Now().Unix()-seconds)) > 300 {
		return false // incomplete, replayed or badly delayed
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(body)
	expected := mac.Sum(nil)
	for _, signature := range strings.Split(signatures, " ") {
		version, value, _ := strings.Cut(signature, ",")
		given, err := base64.StdEncoding.DecodeString(value)
		if version == "v1" && err == nil && hmac.Equal(given, expected) {
			return true
		}
	}
	return false
}

func main() {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(os.Getenv("IMAGECOGNI_WEBHOOK_SECRET"), "whsec_"))
	if err != nil {
		log.Fatal("IMAGECOGNI_WEBHOOK_SECRET is not a whsec_ secret")
	}
	http.HandleFunc("/hooks/images", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 500<<20)) // the exact bytes that arrived
		if err != nil || !verified(key, r.Header, body) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		log.Printf("verified %s: %d bytes of %s", r.Header.Get("webhook-id"), len(body), r.Header.Get("Content-Type"))
		w.WriteHeader(http.StatusNoContent) // parse the multipart body (outputZipFile, jobId, configId) after
	})
	log.Fatal(http.ListenAndServe(":"+os.Getenv("PORT"), nil))
}
