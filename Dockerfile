# donthu on a Debian-based Python image: Tesseract with the Vietnamese model, migrations, server.
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir . && donthu train
ENV DONTHU_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8000
CMD ["sh", "-c", "donthu migrate && donthu serve --host 0.0.0.0 --port 8000"]
