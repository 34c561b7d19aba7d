package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// The OpenGL driver is loaded ahead only where Mesa is the one vendor the
// program can use and its driver file is where Mesa looks by default;
// anywhere else the loaded libraries would stay in memory for nothing.
func TestMesaDriverFileOnlyWhereMesaDraws(t *testing.T) {
	install := func(t *testing.T, files ...string) string {
		dir := t.TempDir()
		for _, f := range files {
			p := filepath.Join(dir, f)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	mesa := []string{"libGLX.so.0", "libGLX_mesa.so.0", "dri/swrast_dri.so"}
	cases := []struct {
		name  string
		files []string
		env   map[string]string
		want  bool
	}{
		{"Mesa alone", mesa, nil, true},
		{"Mesa chosen by name", mesa, map[string]string{"__GLX_VENDOR_LIBRARY_NAME": "mesa"}, true},
		{"NVIDIA's driver installed beside Mesa", append([]string{"libGLX_nvidia.so.0"}, mesa...), nil, false},
		{"another vendor chosen by name", mesa, map[string]string{"__GLX_VENDOR_LIBRARY_NAME": "nvidia"}, false},
		{"Mesa told another driver folder", mesa, map[string]string{"LIBGL_DRIVERS_PATH": "/opt/mesa/dri"}, false},
		{"indirect rendering", mesa, map[string]string{"LIBGL_ALWAYS_INDIRECT": "1"}, false},
		{"no Mesa GLX library", []string{"libGLX.so.0", "dri/swrast_dri.so"}, nil, false},
		{"no driver file", []string{"libGLX.so.0", "libGLX_mesa.so.0"}, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := install(t, c.files...)
			getenv := func(k string) string { return c.env[k] }
			got := mesaDriverFile(dir, getenv, fileExists)
			want := ""
			if c.want {
				want = filepath.Join(dir, "dri", "swrast_dri.so")
			}
			if got != want {
				t.Errorf("mesaDriverFile = %q, want %q", got, want)
			}
		})
	}
	if got := mesaDriverFile("", func(string) string { return "" }, fileExists); got != "" {
		t.Errorf("with no libGLX found, mesaDriverFile = %q, want none", got)
	}
}
