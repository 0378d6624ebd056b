# Alliance ROI in a container: `docker build -t alliance-roi . && docker run -p 8501:8501 alliance-roi`
FROM python:3.11-slim

# No .pyc files in the image, and logs straight to the container's output.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The app runs as an unprivileged user that owns nothing but its home: an upload can never write
# into the code.
RUN useradd --create-home --uid 10001 alliance
COPY --chown=root:root app.py ./
COPY --chown=root:root core ./core
COPY --chown=root:root ui ./ui
COPY --chown=root:root pages ./pages
COPY --chown=root:root sample_data ./sample_data
COPY --chown=root:root .streamlit/config.toml ./.streamlit/config.toml
USER alliance

EXPOSE 8501
# Streamlit answers "ok" on /_stcore/health once it serves; the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
