# Image de l'application : Python officiel (slim), Chromium de Debian (Kaleido : images des portraits), polices.
# La base et l'archive des imports vivent hors de l'image, sur un volume partagé (/donnees) : toutes les répliques
# lisent le même instantané publié ; seul le service « ecriture » importe (voir compose.yaml).
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN rm -rf data/observatoire.duckdb* data/imports .streamlit/secrets.toml
ENV OBSERVATOIRE_DB=/donnees/observatoire.duckdb \
    OBSERVATOIRE_IMPORTS=/donnees/imports \
    OBSERVATOIRE_MODE=public
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"
CMD ["python", "-m", "observatoire", "app", "--server.address", "0.0.0.0", "--server.port", "8501"]
