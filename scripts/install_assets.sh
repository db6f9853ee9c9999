#!/usr/bin/env bash
# Install the browser libraries folium's maps need (Leaflet, jQuery, Bootstrap,
# awesome-markers, Font Awesome) from npm and copy them into static/vendor/,
# which Streamlit serves at /app/static/vendor/ (server.enableStaticServing).
# With them in place the map loads nothing from a CDN: the app works air-gapped.
# Run once after cloning, and again after changing package.json.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --ignore-scripts >/dev/null 2>&1 || npm install --no-audit --no-fund --ignore-scripts

dest=static/vendor
rm -rf "$dest"
mkdir -p "$dest"/{leaflet,jquery,bootstrap,awesome-markers,fontawesome/css}

cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images "$dest/leaflet/"
cp node_modules/jquery/dist/jquery.min.js "$dest/jquery/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/css/bootstrap.min.css "$dest/bootstrap/"
cp -r node_modules/leaflet.awesome-markers/dist/. "$dest/awesome-markers/"
cp node_modules/@fortawesome/fontawesome-free/css/all.min.css "$dest/fontawesome/css/"
cp -r node_modules/@fortawesome/fontawesome-free/webfonts "$dest/fontawesome/"

echo "installed browser assets into $dest:"
find "$dest" -maxdepth 2 -name '*.js' -o -maxdepth 2 -name '*.css' | sort
