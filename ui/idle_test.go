package ui

import "time"

// In tests the spine never lets go of its frame on its own: the idle wait
// runs on a timer, and on a loaded machine it fired between a test's
// Capture and its reading of the frame (TestMarkSitsWhereItWasTapped found
// the frame gone). The test of the idle release sets its own short wait.
func init() { spineIdle = time.Hour }
