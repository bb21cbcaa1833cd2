import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pipeline, Readable, Transform } from 'node:stream';
import { assertObjectKey, isObjectKey, parseObjectPrefix } from './object-key';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from './object-store';

export interface S3ObjectStoreOptions {
  client: S3Client;
  bucket: string;
  /** Bytes per multipart part; S3's minimum, 5 MiB, unless given. Bodies smaller than one part go in one PUT. */
  partSize?: number;
  /** Parts uploaded at once; each holds one part in memory. */
  queueSize?: number;
  /** Keys per ListObjectsV2 page (S3 answers at most 1000). */
  pageSize?: number;
}

/**
 * Objects in one bucket of S3 or an S3-compatible store, for services on several machines.
 *
 * Uploads stream through lib-storage's `Upload`: a body is cut into parts as it arrives, so a large
 * report is never held whole in memory, and S3 publishes an object only when its upload completes,
 * so readers never see part of one. An upload whose body fails is aborted, leaving nothing; give
 * the bucket a lifecycle rule that removes incomplete multipart uploads, for the aborts that fail.
 */
export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize?: number;
  private readonly queueSize?: number;
  private readonly pageSize?: number;

  constructor(options: S3ObjectStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.partSize = options.partSize;
    this.queueSize = options.queueSize;
    this.pageSize = options.pageSize;
  }

  async put(key: string, body: Readable | Buffer, contentType: string): Promise<{ size: number }> {
    assertObjectKey(key);
    if (Buffer.isBuffer(body)) {
      await this.upload(key, body, contentType);
      return { size: body.length };
    }
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    // A body that fails or is destroyed destroys `counted` with an error, which fails the upload.
    let bodyFailure: Error | undefined;
    pipeline(body, counted, (error) => {
      bodyFailure = error ?? undefined;
    });
    try {
      await this.upload(key, counted, contentType);
    } catch (error) {
      counted.destroy();
      // The body's own failure is the one to report: lib-storage throws the AbortMultipartUpload
      // error instead when the abort fails too (s3rver has no abort at all).
      throw bodyFailure ?? error;
    }
    return { size };
  }

  async get(key: string): Promise<Readable> {
    assertObjectKey(key);
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(Body instanceof Readable)) throw new Error(`GetObject ${key} answered no Node stream`);
      return Body;
    } catch (error) {
      throw isNotFound(error) ? new ObjectNotFoundError(key) : error;
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertObjectKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    // S3 answers 204 for a key that is not there, which is what the interface promises.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    parseObjectPrefix(prefix);
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: this.pageSize },
      { Bucket: this.bucket, Prefix: prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        // Objects put by other tools (a console's `folder/` marker) are not this store's to show.
        if (object.Key === undefined || !isObjectKey(object.Key)) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
    }
  }

  /** Closes the client's connections; the store is not used afterwards. */
  async close(): Promise<void> {
    this.client.destroy();
  }

  private async upload(key: string, body: Readable | Buffer, contentType: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    await upload.done();
  }
}

/**
 * GetObject names a missing key NoSuchKey; HeadObject has no body to name it in, so the SDK calls
 * any 404 NotFound. A missing bucket (NoSuchBucket) is a misconfiguration, not a missing object.
 */
function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}
